package org.openkes.core.codec;

import java.util.Arrays;

/**
 * A minimal protobuf wire-format reader: enough for KES's three small messages. Follows proto3
 * decoding rules (fields in any order, unknown fields skipped, last scalar wins). Every
 * malformation is a {@link MalformedException}; it never reads past its slice.
 */
public final class ProtoReader {
  public static final int VARINT = 0;
  public static final int I64 = 1;
  public static final int LEN = 2;
  public static final int I32 = 5;

  private final byte[] buf;
  private int pos;
  private final int end;

  public ProtoReader(byte[] buf) {
    this(buf, 0, buf.length);
  }

  private ProtoReader(byte[] buf, int offset, int end) {
    this.buf = buf;
    this.pos = offset;
    this.end = end;
  }

  /** Thrown for any malformed input. */
  public static final class MalformedException extends Exception {
    public MalformedException(String message) {
      super(message);
    }
  }

  public boolean hasMore() {
    return pos < end;
  }

  /** Reads the next tag; returns {@code fieldNumber << 3 | wireType}. */
  public long readTag() throws MalformedException {
    long tag = readVarint();
    if ((tag >>> 3) == 0) {
      throw new MalformedException("proto: invalid field number 0");
    }
    return tag;
  }

  public long readVarint() throws MalformedException {
    long result = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos >= end) {
        throw new MalformedException("proto: unexpected end of varint");
      }
      byte b = buf[pos++];
      result |= (long) (b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        return result;
      }
    }
    throw new MalformedException("proto: varint overflow");
  }

  public byte[] readBytes() throws MalformedException {
    int n = readLength();
    byte[] out = Arrays.copyOfRange(buf, pos, pos + n);
    pos += n;
    return out;
  }

  /** A reader over the next length-delimited field (an embedded message). */
  public ProtoReader readMessage() throws MalformedException {
    int n = readLength();
    ProtoReader sub = new ProtoReader(buf, pos, pos + n);
    pos += n;
    return sub;
  }

  /** Skips the value of a field of the given wire type. */
  public void skip(int wireType) throws MalformedException {
    switch (wireType) {
      case VARINT -> readVarint();
      case I64 -> advance(8);
      case LEN -> advance(readLength());
      case I32 -> advance(4);
      default -> throw new MalformedException("proto: unsupported wire type " + wireType);
    }
  }

  private int readLength() throws MalformedException {
    long n = readVarint();
    if (n < 0 || n > end - pos) {
      throw new MalformedException("proto: length out of range");
    }
    return (int) n;
  }

  private void advance(int n) throws MalformedException {
    if (n > end - pos) {
      throw new MalformedException("proto: unexpected end of input");
    }
    pos += n;
  }
}
