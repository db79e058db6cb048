package io.keydesk.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Hardware keys seen, one row per {@link DeviceIdentity}. */
public final class DeviceSeenRepository {
  private static final String SELECT =
      "SELECT id, aaguid, serial, hid_path, name, firmware, first_seen, last_seen"
          + " FROM devices_seen";

  private final CacheDatabase db;

  DeviceSeenRepository(CacheDatabase db) {
    this.db = db;
  }

  /**
   * Records that the device was seen now: inserts it (first and last seen now) or updates its name,
   * firmware and last-seen time, keeping when it was first seen.
   */
  public DeviceSeen seen(DeviceIdentity identity, String name, Optional<String> firmware) {
    SqlValues.requireText(name, "name");
    Instant now = SqlValues.millis(db.clock().instant());
    return db.write(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO devices_seen (device_key, aaguid, serial, hid_path, name, firmware,"
                      + " first_seen, last_seen) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                      + " ON CONFLICT (device_key) DO UPDATE SET name = excluded.name,"
                      + " firmware = excluded.firmware, hid_path = excluded.hid_path,"
                      + " last_seen = excluded.last_seen")) {
            ps.setString(1, identity.key());
            ps.setString(2, identity.aaguid().toString());
            SqlValues.setText(ps, 3, identity.serial());
            SqlValues.setText(ps, 4, identity.hidPath());
            ps.setString(5, name);
            SqlValues.setText(ps, 6, firmware);
            SqlValues.setInstant(ps, 7, now);
            SqlValues.setInstant(ps, 8, now);
            ps.executeUpdate();
          }
          return find(c, identity).orElseThrow();
        });
  }

  public Optional<DeviceSeen> find(DeviceIdentity identity) {
    return db.read(c -> find(c, identity));
  }

  /** Every device, most recently seen first. */
  public List<DeviceSeen> list() {
    return db.read(
        c -> {
          try (PreparedStatement ps =
                  c.prepareStatement(SELECT + " ORDER BY last_seen DESC, id DESC");
              ResultSet rs = ps.executeQuery()) {
            List<DeviceSeen> devices = new ArrayList<>();
            while (rs.next()) {
              devices.add(map(rs));
            }
            return devices;
          }
        });
  }

  private static Optional<DeviceSeen> find(Connection c, DeviceIdentity identity)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(SELECT + " WHERE device_key = ?")) {
      ps.setString(1, identity.key());
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(map(rs)) : Optional.empty();
      }
    }
  }

  private static DeviceSeen map(ResultSet rs) throws SQLException {
    return new DeviceSeen(
        rs.getLong("id"),
        new DeviceIdentity(
            UUID.fromString(rs.getString("aaguid")),
            SqlValues.optionalText(rs, "serial"),
            SqlValues.optionalText(rs, "hid_path")),
        rs.getString("name"),
        SqlValues.optionalText(rs, "firmware"),
        SqlValues.instant(rs, "first_seen"),
        SqlValues.instant(rs, "last_seen"));
  }
}
