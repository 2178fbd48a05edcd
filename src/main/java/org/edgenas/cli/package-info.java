/** The picocli command tree: one class per subcommand, a thin {@link org.edgenas.cli.Main}. */
package org.edgenas.cli;
