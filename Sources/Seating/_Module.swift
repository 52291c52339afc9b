// The Seating module is being written; this file keeps the target buildable.
