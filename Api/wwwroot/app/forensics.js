// What forensics found in a backup, in words (the findings carry no key material, nor do these words).

import { words } from './vocabulary.js';

const condition = { Missing: 'missing (erased)', Corrupt: 'corrupt', Valid: 'valid' };

export function findingsInWords(findings) {
  if (!findings) return 'Not analysed yet.';
  const server = findings.serverKey;
  const device = findings.deviceKey;
  let serverWords = `Server key ${condition[server.condition] ?? words(server.condition)}`;
  if (server.condition === 'Valid')
    serverWords += server.particleCloud ? ' (the Particle cloud\'s)' : ` (a private cloud${server.address ? ` at ${server.address}${server.port ? ':' + server.port : ''}` : ''})`;
  let deviceWords = `device key ${condition[device.condition] ?? words(device.condition)}`;
  if (device.storedPublicKeyMatches === false) deviceWords += ', its stored public key does not match';
  const area = findings.keyArea ? `Keys read from ${findings.keyArea}.` : 'No key area found.';
  return [`${serverWords}; ${deviceWords}.`, area, ...(findings.notes ?? [])].join(' ');
}
