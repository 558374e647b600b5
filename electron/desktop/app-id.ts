/** Must match appId in electron-builder.yml: Windows' AppUserModelId and Run-key entry, Linux's autostart file name. */
export const appId = 'com.contactdesk.app';
