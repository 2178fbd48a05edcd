/**
 * The picocli command tree: one class per subcommand, a thin {@link org.edgenas.cli.Main}; and what
 * a search shows in the terminal ({@code SearchConsole}: header, candidate lines, front table).
 */
package org.edgenas.cli;
