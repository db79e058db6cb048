package io.keydesk.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar manifest (a development build has none). */
final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = KeyDeskCommand.class.getPackage().getImplementationVersion();
    return new String[] {"keydesk " + (version == null ? "development build" : version)};
  }
}
