package org.edgenas.common;

/** The edgenas version, from the jar manifest ("0.1.0-dev" when run from classes). */
public final class EdgenasVersion {
  private EdgenasVersion() {}

  public static String current() {
    String v = EdgenasVersion.class.getPackage().getImplementationVersion();
    return v == null ? "0.1.0-dev" : v;
  }
}
