/**
 * The app needs no browser permission (camera, notifications, geolocation, HID, …): every request
 * and check is refused, so a compromised page cannot prompt the user into granting one.
 */
export function denyPermissionRequest(_webContents: unknown, _permission: string, callback: (granted: boolean) => void): void {
  callback(false);
}

export function denyPermissionCheck(): boolean {
  return false;
}

/** WebHID / WebUSB / Web Serial device access. */
export function denyDevicePermission(): boolean {
  return false;
}
