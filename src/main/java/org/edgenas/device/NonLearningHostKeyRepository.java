package org.edgenas.device;

import com.jcraft.jsch.HostKey;
import com.jcraft.jsch.HostKeyRepository;
import com.jcraft.jsch.UserInfo;

/** A host key repository that never stores a key JSch offers to add; subclasses decide {@code check}. */
abstract class NonLearningHostKeyRepository implements HostKeyRepository {
  @Override
  public final void add(HostKey hostkey, UserInfo ui) {
    // never: the only trusted key is the pinned one; edgenas devices add changes it
  }

  @Override
  public final void remove(String host, String type) {}

  @Override
  public final void remove(String host, String type, byte[] key) {}

  @Override
  public HostKey[] getHostKey() {
    return getHostKey(null, null);
  }

  @Override
  public HostKey[] getHostKey(String host, String type) {
    return new HostKey[0];
  }
}
