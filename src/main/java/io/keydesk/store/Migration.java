package io.keydesk.store;

import java.util.List;

/**
 * One step of the cache schema: the SQL that takes a database from {@code version - 1} to {@code
 * version}. A released step is frozen: never edit it, add the next one instead, so that tests can
 * still build every earlier version from its own SQL.
 */
record Migration(int version, String description, List<String> statements) {
  Migration {
    if (version < 1) {
      throw new IllegalArgumentException("migration versions start at 1: " + version);
    }
    if (description.isBlank() || statements.isEmpty()) {
      throw new IllegalArgumentException("migration " + version + " needs a description and SQL");
    }
    statements = List.copyOf(statements);
  }
}
