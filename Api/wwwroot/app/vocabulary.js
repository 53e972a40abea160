// The Api's own values, as its enums spell them (an Api test checks every one is here).

export const statuses = ['Open', 'AwaitingBackup', 'InRecovery', 'Resolved'];
export const platforms = ['Core', 'Photon', 'P1', 'Electron'];
export const jobKinds = ['Backup', 'RestoreServerKey', 'RegenerateDeviceKeys', 'RestoreBackup', 'FlashTinker', 'UpdateSystemFirmware', 'PatchCc3000'];

/** A status or job kind in words: "AwaitingBackup" → "Awaiting backup". */
export const words = name => (name ? name.replace(/(?<=[a-z0-9])([A-Z])/g, ' $1').replace(/ ([A-Z])(?=[a-z])/g, (_, c) => ' ' + c.toLowerCase()) : '');

export const supervisorRoles = ['supervisor', 'admin'];
