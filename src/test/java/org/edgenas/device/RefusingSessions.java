package org.edgenas.device;

import com.jcraft.jsch.ConfigRepository;
import com.jcraft.jsch.JSch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.IntPredicate;

/**
 * Fault injection for {@link SshTransport}: a connected JSch session that cannot open a channel. JSch
 * then answers {@code null} from {@code openChannel} (it swallows the failure) instead of throwing, as
 * it does for a session being torn down. Injected through JSch's own hook, a {@link ConfigRepository}
 * whose channel set-up question throws. Sessions are numbered from 1 in the order the transport opens them.
 */
final class RefusingSessions implements Consumer<JSch> {
  final AtomicBoolean armed = new AtomicBoolean();
  final AtomicInteger created = new AtomicInteger();
  final IntPredicate refuses;

  /** Sessions whose number {@code refuses} accepts cannot open channels once {@link #armed} is set. */
  RefusingSessions(IntPredicate refuses) {
    this.refuses = refuses;
  }

  @Override
  public void accept(JSch jsch) {
    boolean refusing = refuses.test(created.incrementAndGet());
    jsch.setConfigRepository(host -> new RefusingConfig(() -> refusing && armed.get()));
  }

  /**
   * JSch's default host config, except that the channel set-up's first question ({@code ForwardAgent},
   * asked only when a channel opens) throws while {@code refusing} holds.
   */
  private record RefusingConfig(BooleanSupplier refusing) implements ConfigRepository.Config {
    @Override
    public String getHostname() {
      return ConfigRepository.defaultConfig.getHostname();
    }

    @Override
    public String getUser() {
      return ConfigRepository.defaultConfig.getUser();
    }

    @Override
    public int getPort() {
      return ConfigRepository.defaultConfig.getPort();
    }

    @Override
    public String getValue(String key) {
      if (key.equals("ForwardAgent") && refusing.getAsBoolean()) throw new IllegalStateException("session going down");
      return ConfigRepository.defaultConfig.getValue(key);
    }

    @Override
    public String[] getValues(String key) {
      return ConfigRepository.defaultConfig.getValues(key);
    }
  }
}
