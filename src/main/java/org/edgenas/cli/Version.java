package org.edgenas.cli;

import picocli.CommandLine.IVersionProvider;

/** The edgenas version, from the jar manifest (or "dev" when run from classes). */
public final class Version implements IVersionProvider {
  public static String current() {
    return org.edgenas.common.EdgenasVersion.current();
  }

  @Override
  public String[] getVersion() {
    return new String[] {"edgenas " + current(), "Java " + Runtime.version()};
  }
}
