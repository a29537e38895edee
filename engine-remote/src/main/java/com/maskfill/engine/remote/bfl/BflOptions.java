package com.maskfill.engine.remote.bfl;

import com.maskfill.engine.api.engine.EngineContext;
import com.maskfill.engine.api.engine.EngineException;
import com.maskfill.engine.api.engine.EngineSetting;
import com.maskfill.engine.remote.SettingChoices;
import java.util.List;
import java.util.Map;

/**
 * The settings BFL takes that the request does not carry: the regional host, the moderation tolerance and the
 * output format.
 *
 * @param root            the documented root of the chosen region
 * @param safetyTolerance 0 (strictest) to 6; BFL's default is 2
 * @param outputFormat    {@code png} by default: the output is scaled and blended again, so no JPEG losses
 */
record BflOptions(String root, int safetyTolerance, String outputFormat) {

    static final String REGION = "region";
    static final String SAFETY_TOLERANCE = "safety-tolerance";
    static final String OUTPUT_FORMAT = "output-format";

    /** Global fails over between regions; EU keeps data in the EU (GDPR). hosted-apis-more.md §1, [Bh1]. */
    static final Map<String, String> REGIONS = Map.of("global", BflApi.DOCUMENTED_ROOT,
            "eu", "https://api.eu.bfl.ai", "us", "https://api.us.bfl.ai");

    static final List<EngineSetting> SETTINGS = List.of(
            new EngineSetting(REGION, "Region", EngineSetting.Kind.CHOICE, List.of("global", "eu", "us"),
                    "Where BFL runs the job: global (fails over between regions), eu (stays in the EU) or us"),
            new EngineSetting(SAFETY_TOLERANCE, "Safety tolerance", EngineSetting.Kind.CHOICE,
                    List.of("2", "0", "1", "3", "4", "5", "6"), "BFL's moderation: 0 is the strictest, 6 the most lenient"),
            new EngineSetting(OUTPUT_FORMAT, "Output format", EngineSetting.Kind.CHOICE, List.of("png", "jpeg"),
                    "png is lossless; jpeg is smaller"));

    static BflOptions from(EngineContext context, String engineName) throws EngineException {
        String region = SettingChoices.read(context, SETTINGS.get(0), engineName);
        String tolerance = SettingChoices.read(context, SETTINGS.get(1), engineName);
        return new BflOptions(REGIONS.get(region), Integer.parseInt(tolerance),
                SettingChoices.read(context, SETTINGS.get(2), engineName));
    }
}
