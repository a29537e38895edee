package com.maskfill.engine.remote;

import com.maskfill.engine.api.engine.EngineContext;
import com.maskfill.engine.api.engine.EngineException;
import com.maskfill.engine.api.engine.EngineException.Category;
import com.maskfill.engine.api.engine.EngineSetting;

/** Reads a {@link EngineSetting.Kind#CHOICE} setting from an engine's context, the same way for every provider. */
public final class SettingChoices {

    private SettingChoices() {
    }

    /**
     * The option's value, or the setting's first choice when it is absent or blank; any other value is refused
     * before anything is sent, naming the allowed ones.
     */
    public static String read(EngineContext context, EngineSetting setting, String engineName) throws EngineException {
        String value = context.option(setting.key()).map(String::strip).filter(v -> !v.isEmpty())
                .orElse(setting.choices().get(0));
        if (!setting.choices().contains(value)) {
            throw new EngineException(Category.INVALID_INPUT, engineName + ": " + setting.key() + " = " + value
                    + " is not allowed: choose one of " + String.join(", ", setting.choices()));
        }
        return value;
    }
}
