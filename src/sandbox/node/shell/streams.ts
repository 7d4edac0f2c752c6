// Standard input and output of simulated processes. Output is asynchronous so that a pipe can
// hold its writer back when the reader is slow (a 64 KiB buffer, as Linux pipes), and so that a
// writer whose reader has gone gets EPIPE (SIGPIPE ends `yes | head -n 1`). Input is a buffered
// stream shared by everything reading the same descriptor, so `read` takes one line and leaves
// the rest for the next reader.
import { FS_ERROR_TEXT, FsError } from '../fs/types.ts';
import type { FileSystem } from '../fs/types.ts';

/** The reader of a pipe has gone: the writer dies of SIGPIPE (status 141). */
export class BrokenPipe extends Error {}

/** Writing failed (a full or read-only filesystem): commands report `write error`. */
export class WriteError extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

export interface Output {
  write(text: string): Promise<void>;
}

export const nullOutput: Output = { write: async () => {} };

/** Collects output in memory up to `limit` characters (command substitution). */
export class BufferOutput implements Output {
  text = '';
  constructor(private readonly limit: number) {}
  async write(text: string): Promise<void> {
    if (this.text.length + text.length > this.limit) throw new WriteError('Out of memory');
    this.text += text;
  }
}

/** Appends to a file at each write, so `tail -f` sees lines as they are written. */
export class FileOutput implements Output {
  constructor(
    private readonly fs: FileSystem,
    private readonly path: string,
  ) {}
  async write(text: string): Promise<void> {
    if (!text) return;
    try {
      this.fs.writeFile(this.path, text, { append: true });
    } catch (e) {
      if (e instanceof FsError) throw new WriteError(FS_ERROR_TEXT[e.code]);
      throw e;
    }
  }
}

export class FunctionOutput implements Output {
  constructor(private readonly fn: (text: string) => void) {}
  async write(text: string): Promise<void> {
    if (text) this.fn(text);
  }
}

const PIPE_CAPACITY = 65536;

/** A pipe: write end and read end. */
export class Pipe {
  private chunks: string[] = [];
  private size = 0;
  private writeClosed = false;
  private readClosed = false;
  private wakeReader: (() => void) | undefined;
  private wakeWriters: (() => void)[] = [];

  readonly writer: Output & { close(): void } = {
    write: (text) => this.write(text),
    close: () => {
      this.writeClosed = true;
      this.wake();
    },
  };

  readonly reader: { read(): Promise<string | undefined>; close(): void } = {
    read: () => this.read(),
    close: () => {
      this.readClosed = true;
      this.chunks = [];
      this.size = 0;
      this.wake();
    },
  };

  private async write(text: string): Promise<void> {
    if (this.readClosed) throw new BrokenPipe();
    if (!text) return;
    this.chunks.push(text);
    this.size += text.length;
    this.wake();
    while (this.size > PIPE_CAPACITY && !this.readClosed) await new Promise<void>((r) => this.wakeWriters.push(r));
    if (this.readClosed) throw new BrokenPipe();
  }

  private async read(): Promise<string | undefined> {
    for (;;) {
      if (this.chunks.length) {
        const text = this.chunks.join('');
        this.chunks = [];
        this.size = 0;
        this.wake();
        return text;
      }
      if (this.writeClosed || this.readClosed) return undefined;
      await new Promise<void>((r) => (this.wakeReader = r));
    }
  }

  private wake(): void {
    const r = this.wakeReader;
    this.wakeReader = undefined;
    r?.();
    const ws = this.wakeWriters;
    this.wakeWriters = [];
    for (const w of ws) w();
  }
}

/** A source of input chunks; undefined at end of input. */
export type Source = () => Promise<string | undefined>;

/** Buffered input shared by the readers of one descriptor. */
export class InStream {
  private buf = '';
  private eof = false;

  constructor(private readonly source: Source) {}

  static of(text: string): InStream {
    let done = false;
    return new InStream(async () => {
      if (done) return undefined;
      done = true;
      return text;
    });
  }

  static empty(): InStream {
    return new InStream(async () => undefined);
  }

  /** The next chunk (what is buffered, or the next from the source). */
  async read(): Promise<string | undefined> {
    if (this.buf) {
      const b = this.buf;
      this.buf = '';
      return b;
    }
    if (this.eof) return undefined;
    const c = await this.source();
    if (c === undefined) this.eof = true;
    return c;
  }

  /** The next line without its newline; the last line may lack one. Undefined at end of input. */
  async readLine(): Promise<string | undefined> {
    for (;;) {
      const nl = this.buf.indexOf('\n');
      if (nl >= 0) {
        const line = this.buf.slice(0, nl);
        this.buf = this.buf.slice(nl + 1);
        return line;
      }
      if (this.eof) {
        if (!this.buf) return undefined;
        const line = this.buf;
        this.buf = '';
        return line;
      }
      const c = await this.source();
      if (c === undefined) this.eof = true;
      else this.buf += c;
    }
  }

  /** Everything up to end of input, failing past `limit` characters. */
  async readAll(limit: number): Promise<string> {
    let out = this.buf;
    this.buf = '';
    while (!this.eof) {
      const c = await this.source();
      if (c === undefined) this.eof = true;
      else out += c;
      if (out.length > limit) throw new WriteError('Out of memory');
    }
    return out;
  }
}
