// The terminal between `kubectl exec -it` and the process: kubectl puts the local terminal in raw
// mode and sends keystrokes, so the pty the runtime allocates does what a Linux tty in canonical
// mode does (termios ICANON, ECHO, ICRNL): echo typed characters, turn Enter into a newline,
// erase with Backspace, kill the line with Ctrl-U, end input with Ctrl-D on an empty line, and
// hand the process whole lines. Escape sequences (arrow keys) are swallowed rather than echoed.
// Pure: keystrokes in, actions out.

export interface TtyActions {
  /** What the terminal shows back (echo, erase sequences). */
  echo: string;
  /** Complete input for the process (lines with their newline, or a Ctrl-D flushed partial line). */
  input: string[];
  /** Ctrl-D on an empty line: the process reads end of input. */
  eof: boolean;
}

const ERASE = '\b \b';

export class TtyLineDiscipline {
  private line = '';
  /** Inside an escape sequence: 'esc' after ESC, 'csi' after ESC [. */
  private escape: 'none' | 'esc' | 'csi' = 'none';

  /** Feeds keystrokes; returns what to echo and what the process reads. */
  keys(text: string): TtyActions {
    const out: TtyActions = { echo: '', input: [], eof: false };
    for (const ch of text) {
      if (this.escape === 'esc') {
        this.escape = ch === '[' || ch === 'O' ? 'csi' : 'none';
        continue;
      }
      if (this.escape === 'csi') {
        if (ch >= '@' && ch <= '~') this.escape = 'none';
        continue;
      }
      switch (ch) {
        case '\x1b':
          this.escape = 'esc';
          break;
        case '\r':
        case '\n':
          out.echo += '\r\n';
          out.input.push(`${this.line}\n`);
          this.line = '';
          break;
        case '\x7f':
        case '\b':
          if (this.line) {
            this.line = [...this.line].slice(0, -1).join('');
            out.echo += ERASE;
          }
          break;
        case '\x15': // Ctrl-U
          out.echo += ERASE.repeat([...this.line].length);
          this.line = '';
          break;
        case '\x03': // Ctrl-C: the line is dropped and the shell starts afresh
          out.echo += '^C\r\n';
          out.input.push('\n');
          this.line = '';
          break;
        case '\x04': // Ctrl-D
          if (this.line) {
            out.input.push(this.line);
            this.line = '';
          } else {
            out.eof = true;
            return out;
          }
          break;
        default:
          if (ch < ' ' && ch !== '\t') break;
          this.line += ch;
          out.echo += ch;
      }
    }
    return out;
  }
}
