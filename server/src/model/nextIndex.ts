// The next index of a string at or after an offset, for scans that read one text forward (the chunk scanner,
// dockerfile-ast's parser): one indexOf serves every query until the scan passes what it found. Searching
// afresh from every line or instruction would rescan the rest of the text for a string it does not hold.

export class NextIndex {
  private text = '';
  private searchedFrom = 0;
  private found = -1;

  constructor(private readonly search: string) {}

  /** The first index of the string at or after `from` in `text`, or -1. */
  at(text: string, from: number): number {
    if (text !== this.text || from < this.searchedFrom || (this.found !== -1 && this.found < from)) {
      this.text = text;
      this.searchedFrom = from;
      this.found = text.indexOf(this.search, from);
    }
    return this.found;
  }
}
