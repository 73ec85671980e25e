/**
 * How a Windows image shows itself in a Dockerfile. Windows containers run only on Windows bases:
 * Microsoft's `windows/*` images (servercore, nanoserver, server) and the images built on them,
 * whose tags name the base (`-nanoserver-ltsc2022`, `-windowsservercore-1809`, `ltsc2025`), the
 * .NET Framework images, which exist for Windows only, and community images that say so in their name
 * (`stefanscherer/node-windows`): a repository whose last part ends in `-windows`.
 */

/** Repository names (registry left out, lower case) of Windows-only images. */
export const WINDOWS_IMAGE_NAMES: readonly RegExp[] = [
  /^windows(\/(servercore|nanoserver|server))?$/,
  /^(windows\/)?(servercore|nanoserver|windowsservercore)$/,
  /^dotnet\/framework\//,
  /^powershell\/windows/,
  /(^|\/)[a-z0-9._-]*[a-z0-9][-_]windows$/,
];

/** Tags (lower case) that name a Windows base: servercore, nanoserver, an LTSC or semi-annual release. */
export const WINDOWS_TAGS =
  /(^|[-_.])(windowsservercore|servercore|nanoserver|windows)([-_.]|$)|ltsc\d{4}|(^|-)(1809|1903|1909|2004|20h2|21h2|22h2)($|-)/;

/** A SHELL that runs PowerShell or cmd. */
export const WINDOWS_SHELLS = /^(powershell|pwsh|cmd)(\.exe)?$/i;

/** A Windows path: a drive letter (`C:\`, `c:/`) or a backslash-rooted one. */
export const WINDOWS_PATH = /^[A-Za-z]:[\\/]|^\\[^\\]/;
