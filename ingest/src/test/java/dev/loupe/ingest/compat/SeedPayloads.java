package dev.loupe.ingest.compat;

/**
 * The example payloads of the seed documents, as written there. Where a seed example is not valid
 * JSON (an ellipsis or a placeholder such as {@code {object}}), the smallest change that makes it
 * JSON is made and noted.
 */
final class SeedPayloads {
  private SeedPayloads() {}

  /** Seed 000's six entry examples in one /sync batch ({object} → {"object": true}; bodies kept as a separate entry). */
  static final String SYNC = """
      {
        "events": [
          {
            "type": "console",
            "level": "log|warn|error|info|debug",
            "timestamp": 1707346800000,
            "args": ["message", {"object": true}, 123],
            "stack": null,
            "context": {
              "url": "https://example.com",
              "line": 42,
              "source": "app.js"
            }
          },
          {
            "type": "network",
            "method": "POST|GET|PUT|DELETE|PATCH",
            "url": "https://api.example.com/checkout",
            "status": 200,
            "duration_ms": 234,
            "timestamp": 1707346801000,
            "request_size_bytes": 512,
            "response_size_bytes": 1024,
            "initiator": "fetch|xhr|img|script|link",
            "protocol": "http/1.1|h2|http3"
          },
          {
            "type": "action",
            "action_type": "click|input|change|navigation",
            "target": "button[type=submit]",
            "x": 100,
            "y": 50,
            "text": "Submit",
            "timestamp": 1707346802000,
            "selectors": {
              "css": "button[type=submit]",
              "xpath": "//button[@type='submit']",
              "text": "contains(., 'Submit')",
              "data_testid": "checkout-button"
            }
          },
          {
            "type": "websocket",
            "event": "open|message|close|error",
            "url": "wss://socket.example.com",
            "data_size": 512,
            "data_preview": "{\\"type\\": \\"update\\", ...}",
            "timestamp": 1707346803000,
            "direction": "sent|received"
          },
          {
            "type": "performance",
            "metric": "LCP|FCP|CLS|TTFB",
            "value": 1234,
            "unit": "ms|number",
            "timestamp": 1707346804000,
            "context": {
              "element": "img#hero",
              "url": "https://cdn.example.com/image.webp",
              "loadTime": 1000
            }
          },
          {
            "type": "error",
            "message": "Cannot read property 'foo' of undefined",
            "stack": "Error: ...\\n  at checkout...",
            "source": "app.js",
            "line": 42,
            "column": 10,
            "timestamp": 1707346805000,
            "context": {
              "url": "https://example.com/checkout",
              "user_id": "redacted",
              "request_id": "abc123"
            },
            "enrichment": {
              "root_cause": "null_pointer_dereference",
              "affected_feature": "checkout_flow",
              "severity": "high"
            }
          },
          {
            "type": "network",
            "method": "POST",
            "url": "https://api.example.com/checkout",
            "status": 200,
            "timestamp": 1707346806000,
            "request_headers": {"content-type": "application/json"},
            "request_body": "{\\"email\\": \\"...\\"}",
            "response_headers": {"content-type": "application/json"},
            "response_body": "{\\"order_id\\": \\"...\\"}"
          }
        ],
        "tab_id": 123,
        "url": "https://example.com"
      }
      """;

  /** Seed 002: POST /api/v1/sessions. */
  static final String SESSION = """
      {
        "user_id": "user-123",
        "page_url": "https://example.com",
        "user_agent": "Mozilla/5.0...",
        "device_type": "desktop",
        "browser": "Chrome",
        "os": "Windows"
      }
      """;

  /** Seed 002: POST /api/v1/track (its trailing "..." element removed). */
  static final String TRACK = """
      {
        "session_id": "550e8400-e29b-41d4-a716-446655440000",
        "events": [
          {
            "timestamp": "2024-01-01T12:00:00Z",
            "event_type": "click",
            "page_url": "https://example.com",
            "target_selector": "button#submit",
            "viewport_x": 100,
            "viewport_y": 200
          }
        ]
      }
      """;

  /** Seed 002: POST /api/v1/track/screenshot, as written (its base64 is a truncated JPEG header). */
  static final String SCREENSHOT = """
      {
        "session_id": "550e8400-e29b-41d4-a716-446655440000",
        "page_url": "https://example.com",
        "timestamp": "2024-01-01T12:00:00Z",
        "image_data": "data:image/jpeg;base64,/9j/4AAQ...",
        "width": 1920,
        "height": 1080
      }
      """;

  /** Seed 004: the batch format ("info" | "warn" | "error" → "info"). */
  static final String TELEMETRY_BATCH = """
      {
        "events": [
          {
            "level": "info",
            "scope": "component-name",
            "sessionId": "component-session-abc123",
            "message": "User action description",
            "timestamp": "2025-01-15T10:30:45.123Z",
            "requestId": "request-xyz789",
            "context": {
              "action": "button_click",
              "userId": "user-123"
            }
          }
        ]
      }
      """;

  /** Seed 004: the legacy single event. */
  static final String TELEMETRY_LEGACY = """
      {
        "level": "warn",
        "scope": "checkout",
        "sessionId": "component-session-abc123",
        "message": "Payment retried",
        "timestamp": "2025-01-15T10:30:46.000Z"
      }
      """;
}
