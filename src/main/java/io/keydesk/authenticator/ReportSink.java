package io.keydesk.authenticator;

/**
 * Where the device side of CTAPHID sends its 64-byte input reports (no report ID): the queue of an
 * {@link InMemoryConnection}, or a datagram to the host for {@link UdpSimulatorServer}. Called
 * while the responder holds its lock, so the packets of one message are never interleaved with
 * another; implementations must not block.
 */
@FunctionalInterface
public interface ReportSink {
  void send(byte[] report);
}
