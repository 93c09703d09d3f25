/** Content-addressed storage beside the log for large payloads such as screenshots. */
package dev.loupe.blob;
