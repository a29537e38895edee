package com.maskfill.engine.api.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

class FillRequestTest {

    private static final BufferedImage IMAGE = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);

    private static Mask maskWithOnePixel() {
        byte[] pixels = new byte[40 * 30];
        pixels[5 * 40 + 7] = (byte) 255;
        return Mask.of(40, 30, pixels);
    }

    private static FillRequest.Builder valid() {
        return FillRequest.builder().image(IMAGE).mask(maskWithOnePixel()).prompt("a red apple");
    }

    private static List<String> problemsOf(FillRequest.Builder builder) {
        return assertThrows(InvalidRequestException.class, builder::build).problems();
    }

    @Test
    void defaultsAreTwentyEightStepsGuidanceThirtyRandomSeedOneImageSafetyOn() {
        FillRequest request = valid().build();
        assertEquals(28, request.steps());
        assertEquals(30.0, request.guidance());
        assertTrue(request.seed().isEmpty());
        assertEquals(1, request.imageCount());
        assertTrue(request.workingSize().isEmpty());
        assertTrue(request.loras().isEmpty());
        assertTrue(request.safetyChecker());
    }

    @Test
    void stepsOutsideOneToFiftyAreRefusedWithFieldValueAndRange() {
        assertEquals(List.of("steps = 60 is out of range: allowed 1–50"), problemsOf(valid().steps(60)));
        assertEquals(List.of("steps = 0 is out of range: allowed 1–50"), problemsOf(valid().steps(0)));
    }

    @Test
    void guidanceOutsideRangeOrNaNIsRefused() {
        assertEquals(List.of("guidance = 101 is out of range: allowed 0–100"), problemsOf(valid().guidance(101)));
        assertEquals(List.of("guidance = -0.5 is out of range: allowed 0–100"), problemsOf(valid().guidance(-0.5)));
        assertEquals(List.of("guidance = NaN is out of range: allowed 0–100"), problemsOf(valid().guidance(Double.NaN)));
    }

    @Test
    void negativeOrTooLargeSeedIsRefused() {
        assertEquals(List.of("seed = -1 is out of range: allowed 0–4294967295"), problemsOf(valid().seed(-1)));
        assertEquals(List.of("seed = 4294967296 is out of range: allowed 0–4294967295"),
                problemsOf(valid().seed(4_294_967_296L)));
        assertEquals(4_294_967_295L, valid().seed(4_294_967_295L).build().seed().getAsLong());
    }

    @Test
    void imageCountOutsideOneToFourIsRefused() {
        assertEquals(List.of("imageCount = 5 is out of range: allowed 1–4"), problemsOf(valid().imageCount(5)));
        assertEquals(List.of("imageCount = 0 is out of range: allowed 1–4"), problemsOf(valid().imageCount(0)));
    }

    @Test
    void workingSizeOutsideRangeIsRefused() {
        assertEquals(List.of("workingSize = 100 is out of range: allowed 256–2048"), problemsOf(valid().workingSize(100)));
        assertEquals(1024, valid().workingSize(1024).build().workingSize().getAsInt());
    }

    @Test
    void moreThanThreeLorasAreRefused() {
        FillRequest.Builder b = valid();
        for (int i = 0; i < 4; i++) {
            b.addLora(Lora.of("owner/lora" + i, 1));
        }
        assertEquals(List.of("loras has 4 entries: allowed at most 3"), problemsOf(b));
    }

    @Test
    void loraScaleOutsideZeroToFourAndBlankSourceAreRefusedByIndex() {
        List<String> problems = problemsOf(valid().addLora(Lora.of("ok/one", 1)).addLora(Lora.of(" ", 4.5)));
        assertEquals(List.of("loras[1].source is blank: give a path or URL",
                "loras[1].scale = 4.5 is out of range: allowed 0–4"), problems);
    }

    @Test
    void maskOfAnotherSizeThanTheImageIsRefusedNamingBothSizes() {
        assertEquals(List.of("mask is 30×40 but the image is 40×30: they must be the same size"),
                problemsOf(valid().mask(Mask.filled(30, 40, 255))));
    }

    @Test
    void emptyMaskIsRefusedAsNothingToFill() {
        assertEquals(List.of("mask is empty: nothing to fill (paint the area to regenerate)"),
                problemsOf(valid().mask(Mask.filled(40, 30, 0))));
    }

    @Test
    void blankPromptIsRefused() {
        assertEquals(List.of("prompt is blank: describe what should appear in the masked area"),
                problemsOf(valid().prompt(" \t\n")));
    }

    @Test
    void missingImageAndMaskAreRefused() {
        assertEquals(List.of("image is missing", "mask is missing"),
                problemsOf(FillRequest.builder().prompt("x")));
    }

    @Test
    void everyBadFieldIsReportedAtOnceInTheMessage() {
        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> valid().steps(60).imageCount(9).prompt("").build());
        assertEquals("prompt is blank: describe what should appear in the masked area; "
                + "steps = 60 is out of range: allowed 1–50; imageCount = 9 is out of range: allowed 1–4", e.getMessage());
    }

    @Test
    void maskReadFromAGrayImageKeepsMidGraysExactly() {
        BufferedImage gray = new BufferedImage(40, 30, BufferedImage.TYPE_BYTE_GRAY);
        gray.getRaster().setSample(3, 4, 0, 128);
        FillRequest request = valid().mask(gray).build();
        assertEquals(128, request.mask().value(3, 4));
        assertEquals(0, request.mask().value(4, 4));
    }

    @Test
    void requestIsUnaffectedByLaterChangesToTheCallersMaskArray() {
        byte[] pixels = new byte[40 * 30];
        pixels[0] = (byte) 255;
        FillRequest request = valid().mask(Mask.of(40, 30, pixels)).build();
        pixels[0] = 0;
        pixels[1] = (byte) 255;
        assertEquals(255, request.mask().value(0, 0));
        assertEquals(0, request.mask().value(1, 0));
    }

    @Test
    void toBuilderCopiesEverySettingAndPromptIsStripped() {
        FillRequest original = valid().prompt("  a cat  ").steps(12).guidance(3.5).seed(42).imageCount(2)
                .workingSize(1024).addLora(Lora.of("a/b", 0.8)).safetyChecker(false).build();
        FillRequest copy = original.toBuilder().build();
        assertEquals("a cat", copy.prompt());
        assertEquals(original.toString(), copy.toString());
        assertFalse(copy.safetyChecker());
    }
}
