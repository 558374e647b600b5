/** Electron's Event object (docs: structures/event): preventDefault() and defaultPrevented. */
export interface StandInEvent {
  preventDefault(): void;
  readonly defaultPrevented: boolean;
}

export function newEvent<T extends object>(extra?: T): StandInEvent & T {
  let prevented = false;
  const event = {
    preventDefault() {
      prevented = true;
    },
    get defaultPrevented() {
      return prevented;
    },
  };
  return Object.assign(event, extra ?? ({} as T));
}
