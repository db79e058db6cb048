package io.keydesk.server.account;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {
  private final PasswordHasher hasher = new PasswordHasher(1024, 1, 1);

  @Test
  void argon2idPhcStringsVerifyOnlyTheRightPassword() {
    String hash = hasher.hash("correct horse");
    assertThat(hash).startsWith("$argon2id$v=19$m=1024,t=1,p=1$");
    assertThat(hasher.verify("correct horse", hash)).isTrue();
    assertThat(hasher.verify("correct horsE", hash)).isFalse();
    assertThat(hasher.hash("correct horse")).isNotEqualTo(hash); // salted
    assertThat(hasher.verify("x", "$argon2i$v=19$m=1,t=1,p=1$AA$AA")).isFalse();
    assertThat(hasher.verify("x", "garbage")).isFalse();
  }

  @Test
  void matchesAnArgon2idReferenceVector() {
    // argon2-cffi / reference CLI: echo -n password | argon2 somesalt -id -t 2 -m 16 -p 1
    String reference =
        "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc";
    assertThat(hasher.verify("password", reference)).isTrue();
  }
}
