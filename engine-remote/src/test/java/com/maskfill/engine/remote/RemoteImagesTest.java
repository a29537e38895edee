package com.maskfill.engine.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.maskfill.engine.api.request.Mask;
import com.maskfill.engine.remote.http.TestImages;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class RemoteImagesTest {

    @Test
    void fitMapsTheWholeOutputOntoTheWholeTarget() {
        BufferedImage quadrants = TestImages.solid(1024, 512, Color.RED);
        Graphics2D g = quadrants.createGraphics();
        g.setColor(Color.BLUE);
        g.fillRect(512, 0, 512, 256);
        g.setColor(Color.GREEN);
        g.fillRect(0, 256, 512, 256);
        g.dispose();

        BufferedImage small = RemoteImages.fit(quadrants, 48, 32);

        assertEquals(48, small.getWidth());
        assertEquals(32, small.getHeight());
        assertEquals(Color.RED.getRGB(), small.getRGB(5, 5));
        assertEquals(Color.BLUE.getRGB(), small.getRGB(42, 5));
        assertEquals(Color.GREEN.getRGB(), small.getRGB(5, 26));
        assertEquals(Color.RED.getRGB(), small.getRGB(42, 26));
    }

    @Test
    void fitReturnsTheSameImageWhenTheSizeAlreadyMatches() {
        BufferedImage image = TestImages.solid(16, 16, Color.GRAY);
        assertSame(image, RemoteImages.fit(image, 16, 16));
    }

    @Test
    void maskIsUploadedAsAnEightBitGrayPngWithItsValuesIntact() throws Exception {
        Mask mask = Mask.of(3, 1, new byte[] {0, (byte) 128, (byte) 255});
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(RemoteImages.png(mask)));
        assertEquals(BufferedImage.TYPE_BYTE_GRAY, decoded.getType());
        assertEquals(0, decoded.getRaster().getSample(0, 0, 0));
        assertEquals(128, decoded.getRaster().getSample(1, 0, 0));
        assertEquals(255, decoded.getRaster().getSample(2, 0, 0));
    }
}
