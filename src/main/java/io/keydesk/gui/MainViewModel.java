package io.keydesk.gui;

import io.keydesk.app.desktop.KeyHandle;
import io.keydesk.app.desktop.KeyModel;
import java.util.Set;
import java.util.stream.Collectors;
import javafx.collections.ObservableMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.keydesk.app.desktop.HidrawAccess;
import io.keydesk.app.desktop.KeyEvents;
import io.keydesk.app.desktop.KeyRef;
import io.keydesk.app.desktop.SecurityKeys;
import io.keydesk.gui.task.Tasks;
import java.nio.file.Path;
import java.util.List;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The sidebar's key list (hotplug), the udev banner and the status bar. */
public final class MainViewModel {
  private static final Logger LOG = LoggerFactory.getLogger(MainViewModel.class);
  private final Tasks tasks;
  private final SecurityKeys keys;
  private final ObservableList<KeyRef> keyList = FXCollections.observableArrayList();
  private final ObservableMap<String, KeyModel> models = FXCollections.observableHashMap();
  // One read-only view each, kept as long as this view model: an unmodifiable view listens to its
  // backing collection only weakly, so a listener added to a view made per call would be lost at
  // the next garbage collection.
  private final ObservableList<KeyRef> keyListView =
      FXCollections.unmodifiableObservableList(keyList);
  private final ObservableMap<String, KeyModel> modelsView =
      FXCollections.unmodifiableObservableMap(models);
  private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("Looking for keys…");
  private final ReadOnlyStringWrapper udevProblem = new ReadOnlyStringWrapper("");

  public MainViewModel(Tasks tasks, SecurityKeys keys) {
    this.tasks = tasks;
    this.keys = keys;
  }

  /** The listed keys; always the same list, so a listener added to it stays. */
  public ObservableList<KeyRef> keys() {
    return keyListView;
  }

  public ReadOnlyStringProperty statusProperty() {
    return status.getReadOnlyProperty();
  }

  /**
   * The model of each listed key by key id, once its getInfo was read (a probe when the key
   * appears, or the device page): the sidebar's first line. Always the same map, so a listener
   * added to it stays.
   */
  public ObservableMap<String, KeyModel> models() {
    return modelsView;
  }

  /** The device page read getInfo: the sidebar can name the key. */
  public void learnModel(KeyRef key, KeyModel model) {
    if (keyList.stream().anyMatch(k -> k.id().equals(key.id()))) {
      models.put(key.id(), model);
    }
  }

  /** The udev explanation when hidraw nodes exist but cannot be opened; empty otherwise. */
  public ReadOnlyStringProperty udevProblemProperty() {
    return udevProblem.getReadOnlyProperty();
  }

  /** Starts hotplug and the first listing, in the background (hid4java loads a native library). */
  public void start() {
    tasks.background().execute(this::watch);
    refresh();
  }

  private void watch() {
    keys.watch(
        new KeyEvents() {
          @Override
          public void keyAdded(KeyRef key) {
            tasks.ui().execute(() -> {
              if (keyList.stream().noneMatch(k -> k.id().equals(key.id()))) {
                keyList.add(key);
                probeModel(key);
              }
              updateStatus(null);
            });
          }

          @Override
          public void keyRemoved(KeyRef key) {
            tasks.ui().execute(() -> {
              keyList.removeIf(k -> k.id().equals(key.id()));
              models.remove(key.id());
              updateStatus(null);
            });
          }
        });
  }

  /** Lists the keys again (Ctrl/Cmd+R) and re-checks hidraw permissions. */
  public void refresh() {
    record Found(List<KeyRef> keys, List<Path> blocked) {}
    tasks
        .wrap(c -> new Found(keys.list(), HidrawAccess.unreadableNodes(Path.of("/dev"))))
        .onRunning(() -> status.set("Looking for keys…"))
        .onSuccess(found -> {
          merge(found.keys());
          udevProblem.set(found.blocked().isEmpty() || !found.keys().stream()
              .filter(k -> k.transport().equals("usb")).toList().isEmpty()
              ? "" : HidrawAccess.explanation(found.blocked()));
          updateStatus(null);
        })
        .onFailure(e -> updateStatus(e.getMessage()))
        .executeWith(tasks.background());
  }

  /**
   * Brings the list to {@code found} without replacing the keys still there (no flicker, the
   * selection stays): removes the gone ones, appends the new ones in order.
   */
  private void merge(List<KeyRef> found) {
    Set<String> ids = found.stream().map(KeyRef::id).collect(Collectors.toSet());
    keyList.removeIf(k -> !ids.contains(k.id()));
    models.keySet().retainAll(ids);
    for (KeyRef key : found) {
      if (keyList.stream().noneMatch(k -> k.id().equals(key.id()))) {
        keyList.add(key);
        probeModel(key);
      }
    }
  }

  /** getInfo on the key's own worker (serial with its other work): the model for the sidebar. */
  private void probeModel(KeyRef key) {
    tasks.wrap(c -> KeyHandle.model(keys, key))
        .onSuccess(model -> learnModel(key, model))
        .onFailure(e -> LOG.debug("No model for {}: {}", key.id(), e.getMessage()))
        .executeWith(tasks.device(key.id()));
  }

  /** Shows {@code error} in the status bar after the key count. */
  public void reportError(String error) {
    updateStatus(error);
  }

  private void updateStatus(String error) {
    int n = keyList.size();
    String text = n == 0 ? "No key connected" : n == 1 ? "1 key connected" : n + " keys connected";
    status.set(error == null ? text : text + " · " + error);
  }
}
