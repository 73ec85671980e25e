/**
 * What a POSIX shell script may call and still run on busybox: the shell's own words and the busybox
 * applets of a default busybox build (1.36, the `busybox --list` of Debian's busybox-static).
 */
export const SHELL_WORDS: ReadonlySet<string> = new Set([
  'if', 'then', 'else', 'elif', 'fi', 'for', 'in', 'do', 'done', 'while', 'until', 'case', 'esac', '{', '}', '!', '[[', ']]',
  'echo', 'printf', 'read', 'set', 'unset', 'local', 'export', 'readonly', 'test', '[', 'exit', 'return', 'shift', 'cd',
  '.', ':', 'true', 'false', 'trap', 'eval', 'wait', 'exec', 'command', 'type', 'getopts', 'umask', 'ulimit', 'break', 'continue',
]);

export const BUSYBOX_APPLETS: ReadonlySet<string> = new Set([
  'awk', 'sed', 'grep', 'egrep', 'fgrep', 'cut', 'sort', 'uniq', 'head', 'tail', 'wc', 'tr', 'cat', 'ls', 'cp', 'mv', 'rm',
  'rmdir', 'mkdir', 'date', 'sleep', 'usleep', 'expr', 'basename', 'dirname', 'find', 'xargs', 'tee', 'env', 'sh', 'ash',
  'sha1sum', 'sha256sum', 'sha512sum', 'md5sum', 'cksum', 'sum', 'gzip', 'gunzip', 'zcat', 'tar', 'wget', 'nc', 'id',
  'whoami', 'hostname', 'uname', 'readlink', 'realpath', 'pwd', 'touch', 'chmod', 'chown', 'ln', 'od', 'hexdump', 'seq',
  'stat', 'yes', 'nl', 'paste', 'comm', 'diff', 'cmp', 'fold', 'rev', 'split', 'tac', 'timeout', 'kill', 'ps', 'du', 'df',
  'mktemp', 'which', 'base64', 'bc', 'dc', 'more', 'less', 'vi', 'httpd', 'nslookup', 'ping', 'printenv', 'sync', 'logger',
  'install', 'truncate', 'shuf', 'unzip', 'bzip2', 'bunzip2', 'xz', 'unxz', 'strings', 'fmt', 'expand', 'unexpand',
  'dd', 'free', 'uptime', 'nproc', 'tty', 'clear', 'ts', 'watch', 'flock', 'getopt', 'hd', 'xxd', 'crc32', 'factor',
]);

/** Default busybox tag for the runtime stage (its stable release as of 2025-06). */
export const DEFAULT_BUSYBOX = '1.36';
