/** What every reporter that writes a file is given. */
export interface FileReporterOptions {
  /** The directory the file goes in; created when missing. */
  outputDir: string;
  /** Called with the absolute path once the file is completely written. */
  onWritten?: (file: string) => void;
}
