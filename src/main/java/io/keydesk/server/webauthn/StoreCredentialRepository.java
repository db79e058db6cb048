package io.keydesk.server.webauthn;

import com.yubico.webauthn.CredentialRepository;
import com.yubico.webauthn.RegisteredCredential;
import com.yubico.webauthn.data.AuthenticatorTransport;
import com.yubico.webauthn.data.ByteArray;
import com.yubico.webauthn.data.PublicKeyCredentialDescriptor;
import io.keydesk.cbor.Bytes;
import io.keydesk.server.store.CredentialDao;
import io.keydesk.server.store.StoredCredential;
import io.keydesk.server.store.User;
import io.keydesk.server.store.UserDao;
import io.keydesk.server.store.UserKind;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * java-webauthn-server's view of our storage for one kind of user. The library's "username" is the
 * user's email (accounts) or conformance username. Never returns null: empty Optionals and sets.
 */
final class StoreCredentialRepository implements CredentialRepository {
  private final UserDao users;
  private final CredentialDao credentials;
  private final UserKind kind;

  StoreCredentialRepository(UserDao users, CredentialDao credentials, UserKind kind) {
    this.users = users;
    this.credentials = credentials;
    this.kind = kind;
  }

  @Override
  public Set<PublicKeyCredentialDescriptor> getCredentialIdsForUsername(String username) {
    return users.byEmail(kind, username).stream()
        .flatMap(user -> credentials.byUser(user.id()).stream())
        .map(StoreCredentialRepository::descriptor)
        .collect(Collectors.toSet());
  }

  @Override
  public Optional<ByteArray> getUserHandleForUsername(String username) {
    return users.byEmail(kind, username).map(user -> toByteArray(user.userHandle()));
  }

  @Override
  public Optional<String> getUsernameForUserHandle(ByteArray userHandle) {
    return ourUser(userHandle).map(User::email);
  }

  @Override
  public Optional<RegisteredCredential> lookup(ByteArray credentialId, ByteArray userHandle) {
    Optional<User> user = ourUser(userHandle);
    if (user.isEmpty()) {
      return Optional.empty();
    }
    return credentials
        .byCredentialId(Bytes.of(credentialId.getBytes()))
        .filter(key -> key.userId() == user.get().id())
        .map(key -> registered(key, user.get()));
  }

  @Override
  public Set<RegisteredCredential> lookupAll(ByteArray credentialId) {
    return credentials.byCredentialId(Bytes.of(credentialId.getBytes())).stream()
        .flatMap(
            key -> users.byId(key.userId()).filter(u -> u.kind() == kind).map(u -> registered(key, u)).stream())
        .collect(Collectors.toSet());
  }

  private Optional<User> ourUser(ByteArray userHandle) {
    return users.byUserHandle(Bytes.of(userHandle.getBytes())).filter(u -> u.kind() == kind);
  }

  static PublicKeyCredentialDescriptor descriptor(StoredCredential key) {
    Set<AuthenticatorTransport> transports = new TreeSet<>();
    for (String transport : key.transports()) {
      transports.add(AuthenticatorTransport.of(transport));
    }
    return PublicKeyCredentialDescriptor.builder()
        .id(toByteArray(key.credentialId()))
        .transports(transports)
        .build();
  }

  private static RegisteredCredential registered(StoredCredential key, User user) {
    return RegisteredCredential.builder()
        .credentialId(toByteArray(key.credentialId()))
        .userHandle(toByteArray(user.userHandle()))
        .publicKeyCose(toByteArray(key.publicKeyCose()))
        .signatureCount(key.signCount())
        .backupEligible(key.backupEligible())
        .backupState(key.backupState())
        .build();
  }

  static ByteArray toByteArray(Bytes bytes) {
    return new ByteArray(bytes.toArray());
  }
}
