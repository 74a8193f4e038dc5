/** A progress bar on stderr, only when stderr is a TTY and the scan has enough files to matter. */
export class Progress {
  private count = 0;
  private last = 0;
  private shown = false;
  private readonly start = Date.now();

  constructor(
    private readonly stream: NodeJS.WritableStream,
    private readonly total: number,
    private readonly enabled: boolean,
  ) {}

  tick(label: string): void {
    this.count++;
    if (!this.enabled || this.total < 2) return;
    const now = Date.now();
    if (now - this.start < 300 || now - this.last < 100) return;
    this.last = now;
    this.shown = true;
    const width = 30;
    const filled = Math.round((this.count / this.total) * width);
    const name = label.length > 40 ? `…${label.slice(-39)}` : label;
    this.stream.write(
      `\r\x1b[K[${"#".repeat(filled)}${" ".repeat(width - filled)}] ${this.count}/${this.total} ${name}`,
    );
  }

  done(): void {
    if (this.shown) this.stream.write("\r\x1b[K");
  }
}
