package io.keydesk.server.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SelfSignedCertificatesTest {
  @TempDir Path dir;

  @Test
  void createsOnceThenLoadsTheSameIdentity() throws Exception {
    TlsIdentity created = SelfSignedCertificates.loadOrCreate(dir, "rp.example", Clock.systemUTC());
    TlsIdentity loaded = SelfSignedCertificates.loadOrCreate(dir, "rp.example", Clock.systemUTC());
    assertThat(loaded.sha256Fingerprint()).isEqualTo(created.sha256Fingerprint());
    assertThat(created.sha256Fingerprint()).matches("([0-9A-F]{2}:){31}[0-9A-F]{2}");
    assertThat(loaded.privateKey().getEncoded()).isEqualTo(created.privateKey().getEncoded());
    assertThat(created.certificate().getSubjectX500Principal().getName()).isEqualTo("CN=rp.example");
    assertThat(created.certificate().getSubjectAlternativeNames())
        .containsExactly(List.of(2, "rp.example"));
    assertThat(PosixFilePermissions.toString(
            Files.getPosixFilePermissions(dir.resolve(SelfSignedCertificates.KEY_FILE))))
        .isEqualTo("rw-------");
  }
}
