// Standard input of a process as the runtime feeds it: text written by an exec or attach session,
// split into the lines the process reads; closing it is end of input. A container with
// `stdin: true` and nobody attached waits on it, as its open pipe does.
export class LineInput {
  private buffer = '';
  private readonly lines: string[] = [];
  private closed = false;
  private waiting?: (line: string | undefined) => void;

  write(text: string): void {
    this.buffer += text;
    let i: number;
    while ((i = this.buffer.indexOf('\n')) >= 0) {
      this.push(this.buffer.slice(0, i));
      this.buffer = this.buffer.slice(i + 1);
    }
  }

  close(): void {
    if (this.buffer) this.push(this.buffer);
    this.buffer = '';
    this.closed = true;
    this.waiting?.(undefined);
    this.waiting = undefined;
  }

  private push(line: string): void {
    if (this.waiting) {
      const w = this.waiting;
      this.waiting = undefined;
      w(line);
    } else this.lines.push(line);
  }

  readLine(): Promise<string | undefined> {
    if (this.lines.length) return Promise.resolve(this.lines.shift());
    if (this.closed) return Promise.resolve(undefined);
    return new Promise((resolve) => (this.waiting = resolve));
  }
}
