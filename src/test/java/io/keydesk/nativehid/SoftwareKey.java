package io.keydesk.nativehid;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.util.Optional;

/**
 * The fake USB key with KeyDesk's software authenticator behind it: {@code keydesk simulator} on an
 * ephemeral UDP port, replying to the bridge's ephemeral port.
 */
final class SoftwareKey implements AutoCloseable {
  private final FakeHidrawDevice device;
  private final SimulatorProcess simulator;

  private SoftwareKey(FakeHidrawDevice device, SimulatorProcess simulator) {
    this.device = device;
    this.simulator = simulator;
  }

  /**
   * Starts both, or skips the test (with the branch it waits for) while the host transport or the
   * simulator has not landed yet.
   */
  static SoftwareKey start(String... simulatorArgs) throws IOException, InterruptedException {
    assumeLanded("io.keydesk.hid.Hid4javaConnection", "hid");
    assumeLanded("io.keydesk.cli.SimulatorCommand", "simauth");
    FakeHidrawDevice device = FakeHidrawDevice.start(Optional.empty());
    try {
      SimulatorProcess simulator = SimulatorProcess.start(device.localPort(), simulatorArgs);
      try {
        device.target(simulator.port());
        return new SoftwareKey(device, simulator);
      } catch (IOException | InterruptedException | RuntimeException | AssertionError e) {
        simulator.close();
        throw e;
      }
    } catch (IOException | InterruptedException | RuntimeException | AssertionError e) {
      device.close();
      throw e;
    }
  }

  static void assumeLanded(String className, String branch) {
    boolean present;
    try {
      Class.forName(className, false, SoftwareKey.class.getClassLoader());
      present = true;
    } catch (ClassNotFoundException e) {
      present = false;
    }
    assumeTrue(present, "waiting for " + className + " (branch '" + branch + "') to land on main");
  }

  FakeHidrawDevice device() {
    return device;
  }

  SimulatorProcess simulator() {
    return simulator;
  }

  @Override
  public void close() {
    simulator.close();
    device.close();
  }
}
