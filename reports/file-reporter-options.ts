/** What every reporter that writes a file is given. */
export interface FileReporterOptions {
  /** The directory the file goes in; created when missing. */
  outputDir: string;
  /**
   * What the report's evidence paths are relative to (the run's working directory), so a file
   * can link or embed screenshots and traces; defaults to process.cwd().
   */
  cwd?: string;
  /** Called with the absolute path once the file is completely written. */
  onWritten?: (file: string) => void;
}
