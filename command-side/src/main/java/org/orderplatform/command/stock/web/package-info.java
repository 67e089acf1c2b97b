/** Admin API for products and their stock ({@code /admin/products}, behind the admin key). */
package org.orderplatform.command.stock.web;
