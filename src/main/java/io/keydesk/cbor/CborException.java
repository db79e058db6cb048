package io.keydesk.cbor;

/** Bytes that are not canonical CTAP2 CBOR, or a value of the wrong shape. */
public final class CborException extends Exception {
  private final int offset;

  /** A problem at a byte offset of the input. */
  public CborException(int offset, String problem) {
    super(problem + " at offset " + offset);
    this.offset = offset;
  }

  /** A problem with the shape of decoded data (a missing member, a wrong type). */
  public CborException(String problem) {
    super(problem);
    this.offset = -1;
  }

  /** The offset in the input where decoding failed, or -1 for a shape problem. */
  public int offset() {
    return offset;
  }
}
