package org.openkes.core.migrate;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.openkes.core.key.InvalidKeyException;
import org.openkes.core.key.KeyVersion;
import org.openkes.core.key.KeyVersionCodec;
import org.openkes.core.keystore.KeyStore;
import org.openkes.core.keystore.KeyStoreException;
import org.openkes.core.migrate.PreflightException.Side;

/**
 * Moves master keys from one keystore to another: plan (list the source, match the pattern,
 * read the target), copy (bounded parallel workers), verify (read back, compare key material),
 * report. The source is only ever read.
 *
 * <p>Why it is safer than real {@code kes migrate} (kes-compat.md §8.5): every key is listed
 * (no 1,024 cut); a key already at the target with the same material is left alone; a
 * different one is a conflict unless {@code --force}, which holds the old value (and writes it
 * to a backup file first, if asked) and puts it back if the new one cannot be written; one bad
 * key does not stop the others; every copied key is read back and compared.
 */
public final class Migration {
  private static final int RESTORE_ATTEMPTS = 3;

  private final KeyStore source;
  private final KeyStore target;
  private final MigrationOptions options;
  private final MigrationListener listener;
  private final AtomicBoolean cancelled = new AtomicBoolean();

  public Migration(KeyStore source, KeyStore target, MigrationOptions options, MigrationListener listener) {
    this.source = source;
    this.target = target;
    this.options = options;
    this.listener = listener;
  }

  /**
   * Stops starting new keys; keys in flight finish. Safe to call from a signal handler thread.
   */
  public void cancel() {
    cancelled.set(true);
  }

  /**
   * Checks that both keystores answer status and list before anything is written, and that
   * they are not the same store.
   */
  public void preflight() throws PreflightException {
    check(Side.SOURCE, source);
    check(Side.TARGET, target);
    if (source.description().equals(target.description())) {
      throw new PreflightException(Side.TARGET,
          "source and target are the same keystore (" + source.description() + ")", null);
    }
  }

  private static void check(Side side, KeyStore store) throws PreflightException {
    try {
      store.status();
      store.list("", null, 1);
    } catch (KeyStoreException e) {
      throw new PreflightException(side, e.getMessage(), e);
    }
  }

  /** Runs the preflight, then the migration. */
  public MigrationReport run() throws PreflightException {
    long start = System.nanoTime();
    preflight();
    GoGlob glob = GoGlob.compile(options.pattern());
    List<String> names = new ArrayList<>();
    try {
      for (String n : source.listAll(glob.literalPrefix())) {
        if (glob.matches(n)) {
          names.add(n);
        }
      }
    } catch (KeyStoreException e) {
      throw new PreflightException(Side.SOURCE, "cannot list keys: " + e.getMessage(), e);
    }
    names.sort(null);
    listener.planned(names.size());

    KeyResult[] results = new KeyResult[names.size()];
    ExecutorService pool = Executors.newFixedThreadPool(
        Math.min(options.parallelism(), Math.max(1, names.size())), runnable -> {
          Thread t = new Thread(runnable, "kes-migrate");
          t.setDaemon(true);
          return t;
        });
    try {
      List<Future<?>> futures = new ArrayList<>(names.size());
      for (int i = 0; i < names.size(); i++) {
        int index = i;
        futures.add(pool.submit(() -> {
          String name = names.get(index);
          KeyResult r = cancelled.get() ? KeyResult.of(name, Outcome.NOT_ATTEMPTED) : migrateOne(name);
          results[index] = r;
          if (options.failFast() && (r.outcome() == Outcome.FAILED || r.outcome() == Outcome.CONFLICT)) {
            cancelled.set(true);
          }
          if (r.outcome() != Outcome.NOT_ATTEMPTED) {
            listener.done(r);
          }
        }));
      }
      for (Future<?> f : futures) {
        awaitUninterruptibly(f);
      }
    } finally {
      pool.shutdownNow();
    }
    List<KeyResult> list = List.of(results);
    boolean interrupted = list.stream().anyMatch(r -> r.outcome() == Outcome.NOT_ATTEMPTED);
    return new MigrationReport(list, options.dryRun(), interrupted, Duration.ofNanos(System.nanoTime() - start));
  }

  private static void awaitUninterruptibly(Future<?> f) {
    boolean interrupted = false;
    while (true) {
      try {
        f.get();
        break;
      } catch (InterruptedException e) {
        interrupted = true; // in-flight keys must finish; remember and keep waiting
      } catch (ExecutionException e) {
        throw new IllegalStateException("migration worker failed", e.getCause());
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** Plans and (unless dry-run) performs the migration of one key; never throws. */
  KeyResult migrateOne(String name) {
    byte[] value;
    KeyVersion wanted;
    try {
      value = source.get(name);
    } catch (KeyStoreException.KeyNotFound e) {
      return fail(name, "removed from the source during the migration");
    } catch (KeyStoreException e) {
      return fail(name, "cannot read it from the source: " + e.getMessage());
    }
    try {
      wanted = KeyVersionCodec.decode(value);
    } catch (InvalidKeyException e) {
      return fail(name, "the source value is not a valid KES key (" + e.getMessage() + "); not copied");
    }

    for (int attempt = 0; ; attempt++) {
      byte[] existing;
      try {
        existing = target.get(name);
      } catch (KeyStoreException.KeyNotFound e) {
        existing = null;
      } catch (KeyStoreException e) {
        return fail(name, "cannot read it from the target: " + e.getMessage());
      }

      if (existing == null) {
        if (options.dryRun()) {
          return KeyResult.of(name, Outcome.MIGRATED);
        }
        try {
          target.create(name, value);
        } catch (KeyStoreException.KeyExists e) {
          if (attempt == 0) {
            continue; // created concurrently by someone else: look again
          }
          return fail(name, "created at the target concurrently by another writer");
        } catch (KeyStoreException e) {
          return fail(name, "cannot write it to the target: " + e.getMessage());
        }
        return verify(name, wanted, Outcome.MIGRATED);
      }

      String why = differs(wanted, existing);
      if (why == null) {
        return KeyResult.of(name, Outcome.ALREADY_PRESENT);
      }
      return switch (options.mode()) {
        case NO_OVERWRITE -> new KeyResult(name, Outcome.CONFLICT, why + "; target left unchanged (use --force to overwrite or --merge to keep it)");
        case MERGE -> new KeyResult(name, Outcome.SKIPPED, why + "; kept the target's key");
        case FORCE -> options.dryRun() ? KeyResult.of(name, Outcome.OVERWRITTEN) : overwrite(name, value, wanted, existing);
      };
    }
  }

  /** Null if {@code existing} holds the same key material as {@code wanted}, else why not. */
  private static String differs(KeyVersion wanted, byte[] existing) {
    try {
      KeyVersion have = KeyVersionCodec.decode(existing);
      return wanted.sameKeyMaterial(have) ? null : "the target holds a different key under this name";
    } catch (InvalidKeyException e) {
      return "the target holds an undecodable value under this name (" + e.getMessage() + ")";
    }
  }

  /**
   * Replaces the target's value, safely: the old value is already held in memory; it goes to
   * the backup file (synced) before the delete; if the new value cannot be written the old one
   * is put back.
   */
  private KeyResult overwrite(String name, byte[] value, KeyVersion wanted, byte[] old) {
    BackupWriter backup = options.backup();
    if (backup != null) {
      try {
        backup.append(name, old);
      } catch (IOException e) {
        return fail(name, "cannot write the old value to the backup file, so it was not overwritten: " + e.getMessage());
      }
    }
    try {
      target.delete(name);
    } catch (KeyStoreException.KeyNotFound e) {
      // gone already: fine, we write the new value below
    } catch (KeyStoreException e) {
      return fail(name, "cannot delete the old value at the target, so it was not overwritten: " + e.getMessage());
    }
    try {
      target.create(name, value);
    } catch (KeyStoreException e) {
      return restore(name, old, e);
    }
    return verify(name, wanted, Outcome.OVERWRITTEN);
  }

  private KeyResult restore(String name, byte[] old, KeyStoreException cause) {
    KeyStoreException last = null;
    for (int i = 0; i < RESTORE_ATTEMPTS; i++) {
      try {
        target.create(name, old);
        return fail(name, "cannot write the new value (" + cause.getMessage() + "); the old target value was restored");
      } catch (KeyStoreException.KeyExists e) {
        return fail(name, "cannot write the new value (" + cause.getMessage() + "); another writer re-created the key meanwhile");
      } catch (KeyStoreException e) {
        last = e;
      }
    }
    String where = options.backup() != null
        ? "it is saved in the backup file " + options.backup().path()
        : "it was not backed up (no --backup)";
    return fail(name, "cannot write the new value (" + cause.getMessage()
        + ") and cannot restore the old one (" + last.getMessage() + "): the key is MISSING at the target; " + where);
  }

  private KeyResult verify(String name, KeyVersion wanted, Outcome success) {
    try {
      KeyVersion back = KeyVersionCodec.decode(target.get(name));
      if (!back.sameKeyMaterial(wanted)) {
        return fail(name, "verification failed: the target returned different key material");
      }
      return KeyResult.of(name, success);
    } catch (KeyStoreException e) {
      return fail(name, "verification failed: cannot read it back from the target: " + e.getMessage());
    } catch (InvalidKeyException e) {
      return fail(name, "verification failed: the target returned an undecodable value: " + e.getMessage());
    }
  }

  private static KeyResult fail(String name, String detail) {
    return new KeyResult(name, Outcome.FAILED, detail);
  }
}
