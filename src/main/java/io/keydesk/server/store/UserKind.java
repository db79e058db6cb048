package io.keydesk.server.store;

/** Account users sign up with email and password; conformance users exist for the FIDO tools. */
public enum UserKind {
  ACCOUNT("account"),
  CONFORMANCE("conformance");

  final String column;

  UserKind(String column) {
    this.column = column;
  }

  static UserKind fromColumn(String value) {
    for (UserKind kind : values()) {
      if (kind.column.equals(value)) {
        return kind;
      }
    }
    throw new IllegalArgumentException("unknown user kind " + value);
  }
}
