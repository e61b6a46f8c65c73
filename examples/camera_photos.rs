//! Writes camera-sized test photos for the picture benchmark (`bench/photos.sh`):
//! `cargo run --release --example camera_photos -- DIR COUNT`. Each is a
//! 4000×3000 JPEG at quality 92 with a different smooth pattern, so that
//! resizing and encoding do the work real photos ask of them.

use std::path::PathBuf;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let dir = PathBuf::from(args.next().ok_or("usage: camera_photos DIR COUNT")?);
    let count: u32 = args.next().ok_or("usage: camera_photos DIR COUNT")?.parse()?;
    std::fs::create_dir_all(&dir)?;
    for i in 0..count {
        let image = image::RgbImage::from_fn(4000, 3000, |x, y| {
            let wave =
                |f: u32, p: u32| ((((x * f + y * (f + 3) + p * 97) % 1024) as i32 - 512).unsigned_abs() / 2) as u8;
            image::Rgb([wave(3, i), wave(5, i + 1), wave(7, i + 2)])
        });
        let mut bytes = Vec::new();
        image.write_with_encoder(image::codecs::jpeg::JpegEncoder::new_with_quality(&mut bytes, 92))?;
        std::fs::write(dir.join(format!("photo-{i:03}.jpg")), bytes)?;
    }
    Ok(())
}
