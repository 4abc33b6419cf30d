package io.bulwark.authorization;

import java.util.List;
import java.util.Optional;

/** The roles a principal may hold: Bulwark's built-in roles (tenant-defined roles come later). */
public interface Roles {

  /**
   * @param name a role name
   * @return the role, if it exists
   */
  Optional<Role> find(String name);

  /**
   * @return every built-in role
   */
  List<Role> builtIn();
}
