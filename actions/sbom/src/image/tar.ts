// A streaming tar reader (ustar, GNU long names, PAX headers). Entries are announced by header;
// only the ones the caller wants are buffered, the rest are skipped as they stream past.

export interface TarHeader {
  path: string;
  /** '0' file, '1' hard link, '2' symlink, '5' directory, … */
  type: string;
  size: number;
  linkPath: string;
}

export class TarError extends Error {
  constructor(reason: string) {
    super(`corrupt tar stream: ${reason}`);
    this.name = 'TarError';
  }
}

function text(block: Buffer, start: number, length: number): string {
  const end = block.indexOf(0, start);
  return block.toString('utf8', start, end >= 0 && end < start + length ? end : start + length);
}

function octal(block: Buffer, start: number, length: number): number {
  // base-256 for values too large for octal (high bit of the first byte set)
  if (block[start] & 0x80) {
    let value = block[start] & 0x7f;
    for (let i = start + 1; i < start + length; i++) value = value * 256 + block[i];
    return value;
  }
  const digits = text(block, start, length).trim();
  return digits ? parseInt(digits, 8) : 0;
}

function checksumOk(block: Buffer): boolean {
  let sum = 0;
  for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 32 : block[i];
  return sum === octal(block, 148, 8);
}

function paxRecords(data: Buffer): Record<string, string> {
  const records: Record<string, string> = {};
  let pos = 0;
  while (pos < data.length) {
    const space = data.indexOf(32, pos);
    if (space < 0) break;
    const length = Number(data.toString('utf8', pos, space));
    if (!length) break;
    const record = data.toString('utf8', space + 1, pos + length - 1);
    const eq = record.indexOf('=');
    if (eq > 0) records[record.slice(0, eq)] = record.slice(eq + 1);
    pos += length;
  }
  return records;
}

type State = 'header' | 'data' | 'padding' | 'end';

export class TarReader {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private state: State = 'header';
  private remaining = 0;
  private padding = 0;
  private header?: TarHeader;
  private collecting?: Buffer[];
  private meta?: 'L' | 'K' | 'x' | 'g';
  private longPath?: string;
  private longLink?: string;
  private pax: Record<string, string> = {};
  private zeroBlocks = 0;

  constructor(
    /** Returns true to receive the entry's content in onFile. */
    private readonly wants: (header: TarHeader) => boolean,
    /** `content` may be a view of the stream's chunk, valid during the call: copy what you keep. */
    private readonly onFile: (header: TarHeader, content: Buffer) => void,
    private readonly onEntry: (header: TarHeader) => void = () => {},
  ) {}

  private take(n: number): Buffer {
    const joined = this.pending.length === 1 ? this.pending[0] : Buffer.concat(this.pending);
    this.pending = joined.length > n ? [joined.subarray(n)] : [];
    this.pendingBytes = joined.length - n;
    return joined.subarray(0, n);
  }

  push(chunk: Buffer): void {
    let offset = 0;
    while (offset < chunk.length && this.state !== 'end') {
      if (this.state === 'data' || this.state === 'padding') {
        const n = Math.min(this.state === 'data' ? this.remaining : this.padding, chunk.length - offset);
        if (this.state === 'data') {
          this.collecting?.push(chunk.subarray(offset, offset + n));
          this.remaining -= n;
          if (this.remaining === 0) this.finishEntry();
        } else {
          this.padding -= n;
          if (this.padding === 0) this.state = 'header';
        }
        offset += n;
        continue;
      }
      const n = Math.min(512 - this.pendingBytes, chunk.length - offset);
      this.pending.push(chunk.subarray(offset, offset + n));
      this.pendingBytes += n;
      offset += n;
      if (this.pendingBytes === 512) this.readHeader(this.take(512));
    }
  }

  private readHeader(block: Buffer): void {
    if (block.every((b) => b === 0)) {
      if (++this.zeroBlocks >= 2) this.state = 'end';
      return;
    }
    this.zeroBlocks = 0;
    if (!checksumOk(block)) throw new TarError('header checksum mismatch');
    const type = String.fromCharCode(block[156] || 48);
    const isMeta = type === 'L' || type === 'K' || type === 'x' || type === 'g';
    const size = isMeta ? octal(block, 124, 12) : Number(this.pax.size ?? octal(block, 124, 12));
    const magic = block.toString('latin1', 257, 262);
    const prefix = magic === 'ustar' ? text(block, 345, 155) : '';
    const name = text(block, 0, 100);
    this.remaining = size;
    this.padding = (512 - (size % 512)) % 512;
    if (isMeta) {
      this.meta = type as 'L';
      this.collecting = [];
      this.header = { path: name, type, size, linkPath: '' };
      if (size === 0) this.finishEntry();
      else this.state = 'data';
      return;
    }
    const header: TarHeader = {
      path: this.pax.path ?? this.longPath ?? (prefix ? `${prefix}/${name}` : name),
      type,
      size: type === '5' || type === '1' || type === '2' ? 0 : size,
      linkPath: this.pax.linkpath ?? this.longLink ?? text(block, 157, 100),
    };
    this.pax = {};
    this.longPath = this.longLink = undefined;
    this.meta = undefined;
    this.header = header;
    this.onEntry(header);
    this.collecting = header.type !== '5' && this.wants(header) ? [] : undefined;
    if (this.remaining === 0) this.finishEntry();
    else this.state = 'data';
  }

  private finishEntry(): void {
    const pieces = this.collecting;
    const content = pieces && (pieces.length === 1 ? pieces[0] : Buffer.concat(pieces));
    this.collecting = undefined;
    if (this.meta && content) {
      if (this.meta === 'L') this.longPath = content.toString('utf8').replace(/\0+$/, '');
      else if (this.meta === 'K') this.longLink = content.toString('utf8').replace(/\0+$/, '');
      else if (this.meta === 'x') this.pax = paxRecords(content);
    } else if (content && this.header) this.onFile(this.header, content);
    this.state = this.padding ? 'padding' : 'header';
  }

  /** Call when the stream ends: a tar that stops inside an entry is corrupt. */
  end(): void {
    if (this.state === 'data' || this.pendingBytes > 0)
      throw new TarError('the stream ended inside an entry');
  }
}
