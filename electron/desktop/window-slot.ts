/**
 * The main window once it exists. A second launch or a Dock click can arrive while the app is still
 * starting (before the window exists): the request to show it is kept and honoured then. Pure (no
 * 'electron').
 */
export interface ShowableWindow {
  show(): void;
}

export interface WindowSlot<W extends ShowableWindow> {
  current(): W | null;
  fill(window: W): void;
  show(): void;
}

export function createWindowSlot<W extends ShowableWindow>(): WindowSlot<W> {
  let window: W | null = null;
  let showAsked = false;
  return {
    current: () => window,
    fill(created) {
      window = created;
      if (showAsked) created.show();
    },
    show() {
      if (window) window.show();
      else showAsked = true;
    },
  };
}
