package io.keydesk.gui.account;

/**
 * One row of the keys table, ready to show.
 *
 * @param id the RP's key id
 * @param added the date it was registered ("2026-11-02"), or "—"
 * @param lastUsed "today", "yesterday", a date, or "never"
 * @param model the model name (from the AAGUID where known)
 * @param modelWarning when the FIDO Alliance reports the model compromised
 * @param possiblyCloned the RP saw its signature counter go backwards
 * @param lastKey removing it leaves the account without a key
 */
public record KeyRow(
    String id,
    String name,
    String added,
    String lastUsed,
    String model,
    java.util.Optional<String> modelWarning,
    boolean possiblyCloned,
    boolean lastKey) {}
