/** Keys and tokens: project ingest keys, the admin key, dashboard session and stream tokens. */
package dev.loupe.server.auth;
