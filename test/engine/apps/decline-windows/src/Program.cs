// Prints the machine's drives and their free space (Windows only).
using System;
using System.IO;

foreach (var drive in DriveInfo.GetDrives())
{
    if (!drive.IsReady) continue;
    Console.WriteLine($"{drive.Name,-4} {drive.DriveFormat,-6} {drive.AvailableFreeSpace / (1L << 30),6} GiB free");
}
