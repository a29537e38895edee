package com.maskfill.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.maskfill.app.history.ResultHistory;
import com.maskfill.app.project.Provenance;
import com.maskfill.app.project.ResultGroup;
import com.maskfill.app.project.ResultLayer;
import com.maskfill.engine.api.pipeline.Region;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;
import javafx.beans.property.SimpleBooleanProperty;
import org.junit.jupiter.api.Test;

class BoardViewModelTest {

    private static final Region AREA = new Region(0, 0, 40, 30);

    @Test
    void resultsArrivingWhileTheEditorClosesGetNoPictureAndNoError() {
        ResultHistory results = new ResultHistory();
        BackgroundTasks tasks = new BackgroundTasks();
        tasks.close();
        BufferedImage photo = new BufferedImage(100, 100, BufferedImage.TYPE_INT_ARGB);
        BoardViewModel board = new BoardViewModel(results, () -> photo, edit -> { }, new SimpleBooleanProperty(),
                tasks, group -> OptionalLong.empty());
        ResultLayer layer = new ResultLayer(UUID.randomUUID(), AREA, new BufferedImage(40, 30,
                BufferedImage.TYPE_INT_ARGB));
        Provenance p = new Provenance("p", 1, 28, 30, "e", "E", null, null, null, null, null, null, AREA, null, null);
        results.add(new ResultGroup(UUID.randomUUID(), p, new byte[40 * 30], List.of(layer)));

        assertNull(board.thumbnailOf(layer).get());
        assertEquals(0, board.thumbnailsMade());
    }
}
