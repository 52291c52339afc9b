// Tests for this target are being written; this file keeps the target present.
