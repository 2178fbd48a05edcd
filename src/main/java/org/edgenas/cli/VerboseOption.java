package org.edgenas.cli;

import picocli.CommandLine.Option;

/** The shared {@code -v} option (stack traces on errors); mixed into every subcommand. */
public final class VerboseOption {
  @Option(names = {"-v", "--verbose"}, description = "Print stack traces on errors.")
  boolean verbose;
}
