package io.keydesk.hid;

import java.util.ArrayList;
import java.util.List;

/**
 * CTAPHID packet layout (CTAP 2.1 section 11.2.4), shared by the host side ({@link CtapHidDevice})
 * and the device side (the software authenticator): an init packet carries CID(4) CMD|0x80(1)
 * BCNT(2) and 57 data bytes; a continuation packet carries CID(4) SEQ(1) and 59 data bytes.
 */
public final class CtapHidFrames {
  public static final int INIT_DATA = HidConnection.REPORT_SIZE - 7;
  public static final int CONT_DATA = HidConnection.REPORT_SIZE - 5;
  public static final int MAX_SEQ = 127;

  /** 57 + 128 * 59: the largest message CTAPHID can carry. */
  public static final int MAX_MESSAGE = INIT_DATA + (MAX_SEQ + 1) * CONT_DATA;

  private CtapHidFrames() {}

  /** Splits a message into 64-byte reports, zero-padded. */
  public static List<byte[]> fragment(int cid, int command, byte[] payload) {
    if (payload.length > MAX_MESSAGE) {
      throw new IllegalArgumentException(
          "Message of " + payload.length + " bytes exceeds the CTAPHID maximum of " + MAX_MESSAGE);
    }
    List<byte[]> packets = new ArrayList<>();
    byte[] first = new byte[HidConnection.REPORT_SIZE];
    putCid(first, cid);
    first[4] = (byte) (0x80 | command);
    first[5] = (byte) (payload.length >>> 8);
    first[6] = (byte) payload.length;
    int offset = Math.min(payload.length, INIT_DATA);
    System.arraycopy(payload, 0, first, 7, offset);
    packets.add(first);
    for (int seq = 0; offset < payload.length; seq++) {
      byte[] next = new byte[HidConnection.REPORT_SIZE];
      putCid(next, cid);
      next[4] = (byte) seq;
      int chunk = Math.min(payload.length - offset, CONT_DATA);
      System.arraycopy(payload, offset, next, 5, chunk);
      offset += chunk;
      packets.add(next);
    }
    return packets;
  }

  public static int cid(byte[] packet) {
    return cid(packet, 0);
  }

  /** A big-endian channel ID at {@code offset}, e.g. the CID allocated in an INIT response. */
  public static int cid(byte[] data, int offset) {
    return ((data[offset] & 0xFF) << 24)
        | ((data[offset + 1] & 0xFF) << 16)
        | ((data[offset + 2] & 0xFF) << 8)
        | (data[offset + 3] & 0xFF);
  }

  public static boolean isInit(byte[] packet) {
    return (packet[4] & 0x80) != 0;
  }

  /** The command of an init packet, without the 0x80 bit. */
  public static int command(byte[] packet) {
    return packet[4] & 0x7F;
  }

  /** The sequence number of a continuation packet. */
  public static int sequence(byte[] packet) {
    return packet[4] & 0xFF;
  }

  /** BCNT of an init packet: the length of the whole message. */
  public static int messageLength(byte[] packet) {
    return ((packet[5] & 0xFF) << 8) | (packet[6] & 0xFF);
  }

  public static void putCid(byte[] packet, int cid) {
    packet[0] = (byte) (cid >>> 24);
    packet[1] = (byte) (cid >>> 16);
    packet[2] = (byte) (cid >>> 8);
    packet[3] = (byte) cid;
  }

  /** Collects one message from its init packet and continuation packets, checking the sequence. */
  public static final class Reassembly {
    private final int cid;
    private final int command;
    private final byte[] payload;
    private int filled;
    private int nextSeq;

    /**
     * @throws IllegalArgumentException when {@code initPacket} is not an init packet or declares
     *     more than {@code maxLength} bytes
     */
    public Reassembly(byte[] initPacket, int maxLength) {
      if (!isInit(initPacket)) {
        throw new IllegalArgumentException("not an init packet");
      }
      int length = messageLength(initPacket);
      if (length > maxLength) {
        throw new IllegalArgumentException(
            "declared length " + length + " exceeds the maximum of " + maxLength);
      }
      this.cid = CtapHidFrames.cid(initPacket);
      this.command = CtapHidFrames.command(initPacket);
      this.payload = new byte[length];
      this.filled = Math.min(length, INIT_DATA);
      System.arraycopy(initPacket, 7, payload, 0, filled);
    }

    /**
     * Adds a continuation packet of this channel.
     *
     * @return false when the packet's sequence number is not the expected one
     */
    public boolean accept(byte[] continuation) {
      if (sequence(continuation) != nextSeq || nextSeq > MAX_SEQ || isComplete()) {
        return false;
      }
      nextSeq++;
      int chunk = Math.min(payload.length - filled, CONT_DATA);
      System.arraycopy(continuation, 5, payload, filled, chunk);
      filled += chunk;
      return true;
    }

    /** The sequence number the next continuation packet must carry. */
    public int nextSequence() {
      return nextSeq;
    }

    public boolean isComplete() {
      return filled == payload.length;
    }

    public int cid() {
      return cid;
    }

    public int command() {
      return command;
    }

    public byte[] payload() {
      return payload.clone();
    }
  }
}
