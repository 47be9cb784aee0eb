import { createHash } from 'node:crypto';
import fs from 'node:fs';

/** SHA-256 of a file, streamed: identifies exactly which file an import or check read. */
export async function fileSha256(filePath: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of fs.createReadStream(filePath)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
