//! squeeze: compresses a few kinds of sample data with zlib (the system's libz, through its C
//! functions) at several levels, checks that each one decompresses back, and prints the ratios.

use std::ffi::CStr;
use std::os::raw::{c_char, c_int, c_ulong};
use std::process::ExitCode;

#[link(name = "z")]
extern "C" {
    fn zlibVersion() -> *const c_char;
    fn compressBound(source_len: c_ulong) -> c_ulong;
    fn compress2(dest: *mut u8, dest_len: *mut c_ulong, source: *const u8, source_len: c_ulong, level: c_int) -> c_int;
    fn uncompress(dest: *mut u8, dest_len: *mut c_ulong, source: *const u8, source_len: c_ulong) -> c_int;
    fn crc32(crc: c_ulong, buf: *const u8, len: u32) -> c_ulong;
}

fn compress(data: &[u8], level: i32) -> Result<Vec<u8>, i32> {
    unsafe {
        let mut len = compressBound(data.len() as c_ulong);
        let mut out = vec![0u8; len as usize];
        let rc = compress2(out.as_mut_ptr(), &mut len, data.as_ptr(), data.len() as c_ulong, level);
        if rc != 0 {
            return Err(rc);
        }
        out.truncate(len as usize);
        Ok(out)
    }
}

fn decompress(data: &[u8], size: usize) -> Result<Vec<u8>, i32> {
    unsafe {
        let mut len = size as c_ulong;
        let mut out = vec![0u8; size];
        let rc = uncompress(out.as_mut_ptr(), &mut len, data.as_ptr(), data.len() as c_ulong);
        if rc != 0 {
            return Err(rc);
        }
        out.truncate(len as usize);
        Ok(out)
    }
}

fn sample(kind: &str, n: usize) -> Vec<u8> {
    let mut x: u32 = 2463534242;
    (0..n)
        .map(|i| match kind {
            "log" => b"GET /index.html 200\nGET /style.css 304\n"[i % 40],
            "counter" => (i / 97) as u8,
            _ => {
                x ^= x << 13;
                x ^= x >> 17;
                x ^= x << 5;
                (x >> 24) as u8
            }
        })
        .collect()
}

fn main() -> ExitCode {
    let n: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(50_000);
    let version = unsafe { CStr::from_ptr(zlibVersion()) }.to_string_lossy().into_owned();
    // The version changes with Debian updates; the major version is what the program relies on.
    println!("zlib {}.x, {} bytes per sample", version.split('.').next().unwrap_or("?"), n);
    for kind in ["log", "counter", "noise"] {
        let data = sample(kind, n);
        let crc = unsafe { crc32(0, data.as_ptr(), data.len() as u32) };
        let mut line = format!("{:<8} crc32 {:08x}", kind, crc);
        for level in [1, 6, 9] {
            let packed = match compress(&data, level) {
                Ok(p) => p,
                Err(rc) => {
                    eprintln!("squeeze: compress2 failed with {}", rc);
                    return ExitCode::FAILURE;
                }
            };
            match decompress(&packed, data.len()) {
                Ok(back) if back == data => {}
                _ => {
                    eprintln!("squeeze: round trip failed for {} at level {}", kind, level);
                    return ExitCode::FAILURE;
                }
            }
            line.push_str(&format!("  L{} {:6.2}x", level, data.len() as f64 / packed.len() as f64));
        }
        println!("{}", line);
    }
    ExitCode::SUCCESS
}
