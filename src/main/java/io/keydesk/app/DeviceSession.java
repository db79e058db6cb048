package io.keydesk.app;

import io.keydesk.ctap2.ClientPin;
import io.keydesk.ctap2.Ctap2;
import io.keydesk.ctap2.CtapChannel;
import io.keydesk.ctap2.CtapException;
import io.keydesk.ctap2.CtapStatus;
import io.keydesk.ctap2.Info;
import io.keydesk.ctap2.PinRules;
import io.keydesk.hid.CtapDevice;
import io.keydesk.hid.CtapHidDevice;
import io.keydesk.hid.HidConnection;
import io.keydesk.hid.TransportException;
import java.time.Duration;
import java.util.Objects;

/**
 * One open security key as the use cases see it: the CTAP device, its getInfo (CTAP 2.1 section
 * 6.4, read once when opening) and the CTAP2 sub-APIs over it. Synchronous and thread-confined: use
 * it from the one thread that owns the device (the GUI gives each device a single-thread executor).
 */
public final class DeviceSession implements AutoCloseable {
  private final CtapDevice device;
  private final Ctap2 ctap2;
  private Info info;

  private DeviceSession(CtapDevice device, Info info) {
    this.device = device;
    this.ctap2 = new Ctap2(device);
    this.info = info;
  }

  /**
   * Allocates a CTAPHID channel on {@code connection}, reads getInfo and limits requests to the
   * key's maxMsgSize. The connection is closed when opening fails.
   */
  public static DeviceSession open(HidConnection connection, Duration timeout)
      throws TransportException, CtapException {
    return of(CtapHidDevice.open(connection, timeout));
  }

  /**
   * A session over an open CTAPHID device: reads getInfo and limits requests to its maxMsgSize. The
   * device is closed when that fails.
   */
  public static DeviceSession of(CtapHidDevice device) throws TransportException, CtapException {
    try {
      return of((CtapDevice) device);
    } catch (TransportException | CtapException | RuntimeException e) {
      device.close();
      throw e;
    }
  }

  /** A session over an already open device; reads getInfo (applying its maxMsgSize). */
  public static DeviceSession of(CtapDevice device) throws TransportException, CtapException {
    Objects.requireNonNull(device, "device");
    return new DeviceSession(device, new Ctap2(device).getInfoAndApplyLimits());
  }

  /** The getInfo read when opening (or by the last {@link #refreshInfo()}). */
  public Info info() {
    return info;
  }

  /** Reads getInfo again, e.g. after setting a PIN (clientPin changes) or a reset. */
  public Info refreshInfo() throws TransportException, CtapException {
    info = ctap2.getInfo();
    return info;
  }

  public Ctap2 ctap2() {
    return ctap2;
  }

  public CtapChannel channel() {
    return ctap2.channel();
  }

  public CtapDevice device() {
    return device;
  }

  /**
   * ClientPin with the best PIN protocol the key offers and its PIN rules (minPINLength).
   *
   * @throws CtapException UNSUPPORTED_OPTION, saying so, when the key has no PIN support
   */
  public ClientPin clientPin() throws CtapException {
    if (info.isPinSet().isEmpty()) {
      throw new CtapException(
          CtapStatus.UNSUPPORTED_OPTION,
          describe()
              + " does not support a PIN (its getInfo has no clientPin option); PIN commands"
              + " cannot be used with it.");
    }
    return ClientPin.create(channel(), info.pinUvAuthProtocols(), PinRules.of(info.minPinLength()));
  }

  public String describe() {
    return device.describe();
  }

  @Override
  public void close() {
    device.close();
  }
}
