package io.keydesk.authenticator;

import io.keydesk.ctap2.CtapCommand;
import io.keydesk.ctap2.CtapException;
import io.keydesk.ctap2.CtapStatus;

/**
 * The CTAP2 command handler of the foundation: authenticatorGetInfo and authenticatorSelection
 * (CTAP 2.1 sections 6.4 and 6.9); every other command answers CTAP1_ERR_INVALID_COMMAND. The full
 * CTAP2 handler (makeCredential, getAssertion, clientPin...) replaces it behind the same {@link
 * CommandHandler} seam.
 */
public class BasicCtap2Handler implements CommandHandler {
  private final AuthenticatorInfo info;

  public BasicCtap2Handler(AuthenticatorInfo info) {
    this.info = info;
  }

  public AuthenticatorInfo info() {
    return info;
  }

  @Override
  public byte[] handleCbor(byte[] request, RequestContext context) throws CtapException {
    if (request.length > info.maxMsgSize()) {
      throw new CtapException(CtapStatus.REQUEST_TOO_LARGE);
    }
    int command = request[0] & 0xFF;
    return switch (command) {
      case CtapCommand.GET_INFO -> ok(info.encode());
      case CtapCommand.SELECTION -> {
        context.requireUserPresence();
        yield ok(new byte[0]);
      }
      default -> throw new CtapException(CtapStatus.INVALID_COMMAND);
    };
  }

  /** CTAP2_OK followed by {@code body}. */
  protected static byte[] ok(byte[] body) {
    byte[] response = new byte[body.length + 1];
    response[0] = (byte) CtapStatus.OK.code();
    System.arraycopy(body, 0, response, 1, body.length);
    return response;
  }
}
